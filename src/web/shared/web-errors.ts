import { HttpException } from '@nestjs/common';
import { ForbiddenError } from '../../common/errors/domain-errors';

/**
 * A page to answer with a given status (a form shown again with its errors). An HttpException, so the
 * audit trail records the failed write with its real status.
 */
export class WebPageError extends HttpException {
  constructor(
    readonly html: string,
    status: number,
  ) {
    super('The form has errors', status);
  }
}

/** The form's CSRF token is missing or wrong. */
export class CsrfError extends ForbiddenError {
  constructor() {
    super('The form is expired or was not sent from this application (CSRF token missing or wrong)');
  }
}
