import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ALL_ROLES } from './roles';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { Allow, CurrentPrincipal, Public } from './policy.decorators';
import type { AuthenticatedRequest } from './policy.decorators';
import type { Principal } from './principal';
import { clientAddress, requestOrigin } from './request-origin';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a 15-minute access token and a revocable refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (one message for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this username or address' })
  login(@Body() dto: LoginDto, @Req() req: AuthenticatedRequest): Promise<TokenPairDto> {
    return this.auth.login(dto.username, dto.password, clientAddress(req));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Swap a refresh token for a new pair. The old refresh token stops working; presenting it again revokes the whole session.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse()
  refresh(@Body() dto: RefreshDto, @Req() req: AuthenticatedRequest): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken, requestOrigin(req));
  }

  @Post('logout')
  @Allow(...ALL_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes this session; its access and refresh tokens stop working at once' })
  @ApiNoContentResponse()
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal.sessionId);
  }

  @Get('me')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Who am I: roles and the prisons I may see' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() p: Principal): MeDto {
    return { userId: p.userId, username: p.username, roles: p.roles, staffMemberId: p.staffMemberId, prisonIds: p.prisonIds };
  }
}
