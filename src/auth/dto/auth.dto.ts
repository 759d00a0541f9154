import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'oslo.officer' }) @IsString() @MinLength(1) @MaxLength(60) username: string;
  @ApiProperty({ example: '••••••••', format: 'password' }) @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the last refresh' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Use once with POST /auth/refresh for a new pair; revoke with POST /auth/logout' }) refreshToken: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) staffMemberId: string | null;
  @ApiProperty({ type: [String], description: 'Prisons whose personal data this user may see' }) prisonIds: string[];
}
