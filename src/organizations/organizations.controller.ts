import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CursorQuery } from '../common/http/pagination';
import { OrganizationPage } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** Organizations by name; they are created with the volunteers who name them. */
  @Get()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 422: 'INVALID_CURSOR' })
  list(@Query() query: CursorQuery): Promise<OrganizationPage> {
    return this.organizations.page(query.limit, query.cursor);
  }
}
