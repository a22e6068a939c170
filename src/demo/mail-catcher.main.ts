import { resolve } from 'node:path';
import { MailCatcher } from './mail-catcher';

/**
 * `npm run mail-catcher`: the demo's SMTP catcher on its own, for development without Docker.
 * Listens where SMTP_URL points (default smtp://127.0.0.1:1025, .env.example's), writes each
 * message under MAIL_CATCHER_DIR (default demo-output/mail) and prints one line per message.
 */
async function main(): Promise<void> {
  const url = new URL(process.env.SMTP_URL || 'smtp://127.0.0.1:1025');
  if (url.protocol !== 'smtp:') throw new Error('SMTP_URL must be smtp://host:port (the catcher speaks plain SMTP).');
  const directory = resolve(process.env.MAIL_CATCHER_DIR || 'demo-output/mail');
  const catcher = new MailCatcher({
    directory,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 25,
    onMail: (mail) => {
      process.stdout.write(`#${mail.number} to ${mail.to.join(', ')}: ${mail.subject}\n`);
      // The sign-in link and code, so nobody needs to open the file to sign in.
      for (const line of mail.text.split('\n')) if (/\/sign-in\/link\?token=|code/i.test(line) && line.trim()) process.stdout.write(`    ${line.trim()}\n`);
      process.stdout.write(`    ${mail.emlFile}${mail.icsFile ? ` (+ .ics)` : ''}\n`);
    },
  });
  try {
    await catcher.start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`${url.host} is taken (another mail catcher or Mailpit?); set SMTP_URL to a free port.`);
    throw error;
  }
  process.stdout.write(`Mail catcher listening at ${catcher.url}; messages go to ${directory} (Ctrl+C stops it).\n`);
  const stop = () => void catcher.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mail-catcher: ${(error as Error).message}\n`);
  process.exit(1);
});
