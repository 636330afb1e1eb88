// What can go wrong when taking money, as the domain's errors: payments not set up, the provider refusing
// or out of reach (nothing charged either way), and a webhook that does not prove it came from the provider.
import { DomainError } from '../http/errors.js';

export class PaymentsNotConfigured extends DomainError {
  constructor() {
    super('PAYMENTS_NOT_CONFIGURED', 503, 'Online donations are not open yet. Nothing was charged.');
  }
}

/** The provider could not be reached or refused; nothing was charged. */
export class PaymentProviderFailed extends DomainError {
  constructor(
    message = 'We could not reach our payment provider. Nothing was charged; please try again.',
    /** For the log: the provider's error type and code, never what the donor typed. */
    readonly detail = '',
  ) {
    super('PAYMENT_PROVIDER_FAILED', 502, message);
  }
}

export class InvalidSignature extends DomainError {
  constructor() {
    super('INVALID_SIGNATURE', 400, 'The webhook signature is missing or does not match.');
  }
}

/**
 * A webhook whose signature is good but whose content we cannot read: not JSON, or an event missing a field
 * we need. Stripe shows the 400 and its message to whoever set the webhook up.
 */
export class MalformedEvent extends DomainError {
  constructor(detail: string) {
    super('MALFORMED_EVENT', 400, `The webhook event could not be read: ${detail}.`);
  }
}
