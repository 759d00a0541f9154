import { QueryFailedError } from 'typeorm';
import { DomainExceptionFilter } from '../common/errors/domain-exception.filter';
import { concurrencyRefusal } from './pg-errors';

/** An error as TypeORM hands one on from the pg driver. */
const failed = (code: string) => new QueryFailedError('UPDATE …', [], Object.assign(new Error('deadlock detected'), { code }));

describe('deadlocks and serialisation failures', () => {
  it('are a refusal to try again (409), rolled back whole, never a 500', () => {
    const filter = new DomainExceptionFilter();
    for (const code of ['40P01', '40001']) {
      expect(concurrencyRefusal(failed(code))).toBeDefined();
      expect(filter.toBody(failed(code))).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Someone else changed the same records at the same moment; nothing was changed. Try again',
        details: { retry: true },
      });
    }
  });

  it('leave every other error as it was', () => {
    expect(concurrencyRefusal(failed('23505'))).toBeUndefined();
    expect(concurrencyRefusal(new Error('boom'))).toBeUndefined();
    expect(new DomainExceptionFilter().toBody(new Error('boom')).statusCode).toBe(500);
  });
});
