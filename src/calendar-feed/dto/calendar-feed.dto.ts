import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedUrlDto {
  @ApiProperty({
    example: '/calendar-feeds/3q2-7wVz…Qk.ics',
    description:
      'Path of the private feed, relative to the API root. Shown once: only a hash of the token is kept. Treat it like a password.',
  })
  url: string;
}
