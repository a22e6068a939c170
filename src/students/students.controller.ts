import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/http/uuid-param';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { Consumes } from '../common/http/media-type.guard';
import { CreateStudentDto, StudentImportResult, StudentListQuery, StudentPage, StudentResponse, UpdateStudentDto } from './dto/student.dto';
import { StudentsService } from './students.service';
import { csvRequestText } from '../common/csv/csv-decoding';

@ApiTags('students')
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 409: 'EMAIL_TAKEN' })
  create(@Body() dto: CreateStudentDto): Promise<StudentResponse> {
    return this.students.create(dto);
  }

  @Get()
  @Roles('staff')
  list(@Query() query: StudentListQuery): Promise<StudentPage> {
    return this.students.page(query.limit, query.cursor, query.q);
  }

  /** Issue 13: changes a student's fields (staff). Deleting is DELETE /students/{id}. */
  @Patch(':id')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: no such student, or deleted', 409: 'EMAIL_TAKEN' })
  update(@Param('id', UuidParam('Student')) id: string, @Body() dto: UpdateStudentDto): Promise<StudentResponse> {
    return this.students.update(id, dto);
  }

  @Get('me')
  @Roles('student')
  me(@CurrentPrincipal() principal: Principal): Promise<StudentResponse> {
    return this.students.get(principal.id);
  }

  /**
   * Imports a `text/csv` file with the header `name,email,studentNumber,major,graduationYear`.
   * All or nothing: upserts by e-mail, or rejects with every bad row and writes nothing.
   */
  @Post('import')
  @Roles('staff')
  @RateLimit('expensive')
  @HttpCode(HttpStatus.OK)
  @Consumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,email,studentNumber,major,graduationYear\nAda Lovelace,ada@example.edu,S1,Mathematics,2027' } })
  @ApiErrors({ 415: 'UNSUPPORTED_MEDIA_TYPE: send text/csv; CSV_ENCODING_UNKNOWN: not UTF-8, and no charset declared or detectable', 422: 'IMPORT_REJECTED: details.rows lists each bad line' })
  import(@Headers('content-type') contentType: string | undefined, @Body() body: unknown): Promise<StudentImportResult> {
    return this.students.importCsv(csvRequestText(contentType, body));
  }
}
