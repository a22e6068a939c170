// Runs @nestjs/swagger's compiler plugin inside ts-jest, as `nest build` does (nest-cli.json).
const plugin = require('@nestjs/swagger/plugin');

const options = { introspectComments: true, classValidatorShim: true };

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 2;
// ts-jest's program changes as files are compiled; take the current one per file, or response
// types would be read from a stale program and come out empty.
module.exports.factory = (compiler) => (context) => (sourceFile) => {
  const program = compiler._languageService?.getProgram() ?? compiler.program;
  return plugin.before(options, program)(context)(sourceFile);
};
