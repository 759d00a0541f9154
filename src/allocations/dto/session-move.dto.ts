import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { AllocationResultDto } from './allocation.dto';

export class SessionMoveDto {
  @ApiProperty({ format: 'uuid', description: 'A prisoner on the roster of the cancelled session' }) @IsUUID() prisonerId: string;
  @ApiProperty({ format: 'uuid', description: 'A session of the same prison, date and half-day that is not cancelled' })
  @IsUUID()
  toSessionId: string;
}

export class SessionMoveResultDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty({ format: 'uuid' }) fromSessionId: string;
  @ApiProperty({ format: 'uuid' }) toSessionId: string;
  @ApiProperty({ type: AllocationResultDto, description: 'The one-day allocation to the new session, with every check as run' })
  allocation: AllocationResultDto;
}
