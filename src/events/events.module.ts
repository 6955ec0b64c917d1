import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CaissesModule } from '../caisses/caisses.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { TimelineEvent } from './timeline-event.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TimelineEvent]), AuditModule, CaissesModule],
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
