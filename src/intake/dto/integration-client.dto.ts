import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

export class CreateIntegrationClientDto {
  @ApiProperty({ example: 'kompis', description: 'The client user name (lower-case letters, digits, . _ -)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username must be 3–60 lower-case letters, digits, . _ or -' })
  username: string;
}

export class IntegrationClientTokenDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({
    example: 'kit_…',
    description: 'The API token, shown this once (only its hash is stored); send as "Authorization: Bearer <token>"',
  })
  token: string;
}
