// Runs @nestjs/swagger's compiler plugin inside ts-jest, as `nest build` does (nest-cli.json).
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compilerInstance) =>
  plugin.before({ introspectComments: true, classValidatorShim: true }, compilerInstance.program);
