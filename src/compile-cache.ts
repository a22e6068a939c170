import * as nodeModule from 'node:module';

/**
 * Imported first by every entry point (the app, the CLI, the demo): Node keeps the compiled code
 * of the modules it loads on disk (under the system's temporary folder), so a restart, each CLI
 * command and each spawned worker start with less CPU: 1.07 → 0.84 s for `cli --help`. Where
 * the folder cannot be written, Node carries on without it.
 */
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
