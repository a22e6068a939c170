import { Body, Param, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UuidParam } from '../../common/http/uuid-param';
import { FormBody } from '../layout/form';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { PeoplePagesService, STUDENTS, VOLUNTEERS } from './people-pages.service';
import { peopleListPage, personFormPage, PersonKind } from './people.page';

/** One CSV upload: a spreadsheet of 50,000 students is about 5 MB. */
const UPLOAD = FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });

const text = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value.trim() : '');

/** The pages of one kind of person, shared by the two controllers below (routes stay on each class). */
class PeoplePages {
  constructor(
    private readonly kind: PersonKind,
    private readonly pages: PeoplePagesService,
  ) {}

  async list(ctx: PageContext, query: Record<string, unknown>): Promise<PageResult> {
    return peopleListPage(ctx, this.kind, await this.pages.list(this.kind, text(query.q), text(query.cursor) || undefined));
  }

  newForm(ctx: PageContext): PageResult {
    return personFormPage(ctx, this.kind, {});
  }

  async edit(ctx: PageContext, id: string, principal: Principal): Promise<PageResult> {
    return personFormPage(ctx, this.kind, await this.pages.values(this.kind, id, principal), id);
  }

  async save(ctx: PageContext, id: string | undefined, body: FormBody): Promise<PageResult> {
    const saved = await this.pages.save(this.kind, id, body, ctx.t);
    return saved.ok ? redirect(`/console/${this.kind.path}/${saved.id}`, 'person-saved') : personFormPage(ctx, this.kind, saved.values, id, saved.errors, saved.status);
  }

  async delete(id: string, principal: Principal): Promise<PageResult> {
    await this.pages.delete(this.kind, id, principal);
    return redirect(`/console/${this.kind.path}`, 'person-deleted');
  }

  async import(ctx: PageContext, file: Buffer | undefined): Promise<PageResult> {
    const outcome = await this.pages.importCsv(this.kind, file, ctx.t);
    return peopleListPage(ctx, this.kind, await this.pages.list(this.kind, ''), outcome, outcome.ok ? 200 : 422);
  }
}

@PageController('console/students')
@Roles('staff')
export class StudentsPageController {
  private readonly people: PeoplePages;

  constructor(private readonly pages: PeoplePagesService) {
    this.people = new PeoplePages(STUDENTS, pages);
  }

  @PageGet('')
  list(@Ctx() ctx: PageContext, @Query() query: Record<string, unknown>): Promise<PageResult> {
    return this.people.list(ctx, query);
  }

  @PageGet('new')
  newForm(@Ctx() ctx: PageContext): PageResult {
    return this.people.newForm(ctx);
  }

  @PagePost('')
  create(@Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    return this.people.save(ctx, undefined, body);
  }

  /** A CSV file of students: all or nothing, each bad line shown. */
  @PagePost('import')
  @UseInterceptors(UPLOAD)
  import(@Ctx() ctx: PageContext, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<PageResult> {
    return this.people.import(ctx, file?.buffer);
  }

  @PageGet(':id')
  edit(@Param('id', UuidParam('Student')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.people.edit(ctx, id, principal);
  }

  @PagePost(':id')
  update(@Param('id', UuidParam('Student')) id: string, @Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    return this.people.save(ctx, id, body);
  }

  @PagePost(':id/delete')
  delete(@Param('id', UuidParam('Student')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.people.delete(id, principal);
  }
}

@PageController('console/volunteers')
@Roles('staff')
export class VolunteersPageController {
  private readonly people: PeoplePages;

  constructor(pages: PeoplePagesService) {
    this.people = new PeoplePages(VOLUNTEERS, pages);
  }

  @PageGet('')
  list(@Ctx() ctx: PageContext, @Query() query: Record<string, unknown>): Promise<PageResult> {
    return this.people.list(ctx, query);
  }

  @PageGet('new')
  newForm(@Ctx() ctx: PageContext): PageResult {
    return this.people.newForm(ctx);
  }

  @PagePost('')
  create(@Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    return this.people.save(ctx, undefined, body);
  }

  /** Issue 13: a CSV file of volunteers: all or nothing, each bad line shown; known addresses left as they are. */
  @PagePost('import')
  @UseInterceptors(UPLOAD)
  import(@Ctx() ctx: PageContext, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<PageResult> {
    return this.people.import(ctx, file?.buffer);
  }

  @PageGet(':id')
  edit(@Param('id', UuidParam('Volunteer')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.people.edit(ctx, id, principal);
  }

  @PagePost(':id')
  update(@Param('id', UuidParam('Volunteer')) id: string, @Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    return this.people.save(ctx, id, body);
  }

  @PagePost(':id/delete')
  delete(@Param('id', UuidParam('Volunteer')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return this.people.delete(id, principal);
  }
}
