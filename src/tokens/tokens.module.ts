import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessToken } from './access-token.entity';
import { TokenAuthGuard } from './token-auth.guard';
import { TokensService } from './tokens.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccessToken])],
  providers: [TokensService, { provide: APP_GUARD, useClass: TokenAuthGuard }],
  exports: [TokensService],
})
export class TokensModule {}
