import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

// One of the five regions of the Norwegian Correctional Service.
@Entity({ name: 'region' })
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 16, unique: true }) code: string;

  @Column({ type: 'varchar', length: 100, unique: true }) name: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
