import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/policy.decorators';
import { Role } from '../auth/roles';
import { PageQueryDto } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid-param';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Allow(Role.NATIONAL_ADMIN)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users (national administrators only)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() q: PageQueryDto) {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user, optionally linked to a staff member whose prisons scope what they see' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'Username taken, or the staff member already has a user' })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, deactivate, or set a new password (the last two sign the user out everywhere)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }
}
