import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Python's icalendar and vobject (Debian's python3-icalendar and python3-vobject, seen by
 * /usr/bin/python3): parsers we did not write must accept every file. vobject validates
 * strictly; icalendar must parse without collecting errors and read every VEVENT back.
 */
const SCRIPT = String.raw`
import sys, icalendar, vobject
failures = []
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    try:
        cal = icalendar.Calendar.from_ical(data)
        for component in cal.walk():
            errors = getattr(component, 'errors', [])
            if errors:
                raise ValueError('icalendar errors in %s: %r' % (component.name, errors))
        for event in cal.walk('VEVENT'):
            event.decoded('DTSTART'); event.decoded('DTSTAMP'); str(event['UID'])
        parsed = vobject.readOne(data.decode('utf-8'), validate=True)
        parsed.validate(raiseException=True, complainUnrecognized=False)
        if not data.endswith(b'\r\n'):
            raise ValueError('does not end with CRLF')
    except Exception as error:
        failures.append('%s: %s: %s' % (path, type(error).__name__, error))
if failures:
    print('\n'.join(failures))
    sys.exit(1)
print('ok %d' % (len(sys.argv) - 1))
`;

export async function validateWithPython(files: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'fairgrid-ics-'));
  try {
    const paths = await Promise.all(
      files.map(async (text, i) => {
        const path = join(dir, `${i}.ics`);
        await writeFile(path, text, 'utf8');
        return path;
      }),
    );
    try {
      await run('/usr/bin/python3', ['-c', SCRIPT, ...paths], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`Python iCalendar validators rejected a file:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
