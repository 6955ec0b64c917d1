import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fund that pays IJ under the régime général (reference data, loaded by a migration). */
@Entity({ name: 'caisses' })
export class Caisse {
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  departements: string[];

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'text' })
  type: string;
}
