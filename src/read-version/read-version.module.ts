import { Module } from '@nestjs/common';
import { ReadVersionRepository } from './read-version.repository';

// Versions for caching reads safely across writes, in any process that shares the database.
@Module({ providers: [ReadVersionRepository], exports: [ReadVersionRepository] })
export class ReadVersionModule {}
