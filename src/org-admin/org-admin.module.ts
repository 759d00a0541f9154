import { Module } from '@nestjs/common';
import { OrgAdminController } from './org-admin.controller';
import { OrgAdminRepository } from './org-admin.repository';
import { OrgAdminService } from './org-admin.service';

/** Organisation administration (issue 15): the API here, the pages in src/web/admin. */
@Module({
  controllers: [OrgAdminController],
  providers: [OrgAdminRepository, OrgAdminService],
  exports: [OrgAdminService, OrgAdminRepository],
})
export class OrgAdminModule {}
