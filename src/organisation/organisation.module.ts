import { Global, Module } from '@nestjs/common';
import { OrganisationService } from './organisation.service';

// Global: every page and export names the hosting union, and the pages of other features read it too.
@Global()
@Module({
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
