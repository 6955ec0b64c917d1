import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Caisse } from './caisse.entity';
import { CaissesController } from './caisses.controller';
import { CaissesService } from './caisses.service';

@Module({
  imports: [TypeOrmModule.forFeature([Caisse])],
  controllers: [CaissesController],
  providers: [CaissesService],
  exports: [CaissesService],
})
export class CaissesModule {}
