import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageMetaDto } from '../../common/http/pagination.dto';
import { Role } from '../../auth/roles';

export const PASSWORD_RULE = 'at least 12 characters';

export class CreateUserDto {
  @ApiProperty({ example: 'kari.nordmann', description: 'Lower-case letters, digits, dot, dash or underscore (3–60)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username must be 3–60 lower-case letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ format: 'password', description: PASSWORD_RULE }) @IsString() @MinLength(12) @MaxLength(200) password: string;

  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member this user is; their prisons scope what the user sees' })
  @IsOptional()
  @IsUUID()
  staffMemberId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false signs the user out everywhere and blocks sign-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'password', description: `${PASSWORD_RULE}; signs the user out everywhere` })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) staffMemberId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}
