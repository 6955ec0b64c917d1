import { Module } from '@nestjs/common';
import { BackupScheduler } from './backup.scheduler';
import { BackupService } from './backup.service';
import { RestoreDrillService } from './restore-drill.service';
import { ScheduledBackupsService } from './scheduled-backups.service';

@Module({
  providers: [BackupService, ScheduledBackupsService, RestoreDrillService, BackupScheduler],
  exports: [BackupService, ScheduledBackupsService, RestoreDrillService],
})
export class BackupModule {}
