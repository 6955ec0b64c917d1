import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Caisse } from './caisse.entity';

/** The funds, read once at start-up: they change only through a migration. */
@Injectable()
export class CaissesService implements OnModuleInit {
  private caisses: Caisse[] = [];
  private codes = new Set<string>();

  constructor(@InjectRepository(Caisse) private readonly caisseRepository: Repository<Caisse>) {}

  async onModuleInit(): Promise<void> {
    this.caisses = await this.caisseRepository.find({ order: { code: 'ASC' } });
    this.codes = new Set(this.caisses.map((caisse) => caisse.code));
  }

  findAll(): Caisse[] {
    return this.caisses;
  }

  exists(code: string): boolean {
    return this.codes.has(code);
  }
}
