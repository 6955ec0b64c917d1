import { ApiProperty } from '@nestjs/swagger';
import { Caisse } from './caisse.entity';

export class CaisseResponse {
  @ApiProperty({ example: '751', description: '3-digit SNDS code of the fund' })
  code: string;

  @ApiProperty({ example: 'CPAM de Paris' })
  name: string;

  @ApiProperty({ example: ['75'], type: [String] })
  departements: string[];

  @ApiProperty({ example: 'Île-de-France' })
  region: string;
}

export function toCaisseResponse(caisse: Caisse): CaisseResponse {
  return { code: caisse.code, name: caisse.name, departements: caisse.departements, region: caisse.region };
}
