// The donation form as the reader sent it, checked against the settings: the interval, a suggested amount or
// their own, fee cover, dedication, name, email and public listing. Each wrong field gets its own message.
import { type FieldErrors, Invalid } from '../http/errors.js';
import type { DonationInterval } from '../storage/schema.js';
import { isEmailAddress, normaliseEmail } from './donors.js';
import { feeCover, formatMoney, parseMajorUnits } from './money.js';
import { INTERVALS, type RevenueSettings } from './settings.js';

/** The donation form as sent, every field a string, kept as typed to show again beside its error. */
export interface DonationForm {
  interval: string;
  amount: string; // a suggested amount in minor units, or 'other'
  otherAmount: string;
  coverFee: boolean;
  name: string;
  email: string;
  dedication: string;
  publicListing: boolean;
  from: string; // the slug of the article the reader came from
  /** The form's nonce, fresh on each render of the form (see submission.ts); absent from older pages. */
  nonce?: string;
}

export interface ValidDonation {
  interval: DonationInterval;
  amount: number;
  fee: number;
  total: number;
  currency: string;
  name: string;
  email: string;
  dedication: string;
  publicListing: boolean;
}

const WHOLE = /^\d{1,12}$/;

/** The form as it first opens: the interval from the link followed, and the article it was followed from. */
export function emptyDonationForm(interval: DonationInterval, from: string): DonationForm {
  return {
    interval,
    amount: '',
    otherAmount: '',
    coverFee: false,
    name: '',
    email: '',
    dedication: '',
    publicListing: false,
    from,
  };
}

export function readDonationForm(body: unknown): DonationForm {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof b[name] === 'string' ? (b[name] as string) : '');
  return {
    interval: text('interval'),
    amount: text('amount'),
    otherAmount: text('other_amount'),
    coverFee: text('cover_fee') === 'yes',
    name: text('name'),
    email: text('email'),
    dedication: text('dedication'),
    publicListing: text('public_listing') === 'yes',
    from: text('from'),
    nonce: text('form_nonce'),
  };
}

/** Checks a donation against the settings; throws Invalid naming each field to fix and how. */
export function validateDonation(form: DonationForm, settings: RevenueSettings): ValidDonation {
  const errors: FieldErrors = {};
  const { currency } = settings;
  const money = (amount: number) => formatMoney({ amount, currency });

  const interval = INTERVALS.find((i) => i === form.interval);
  if (!interval) errors.interval = 'Choose whether to give once, monthly or yearly.';

  let amount: number | null = null;
  if (form.amount === 'other') {
    if (!form.otherAmount.trim()) errors.other_amount = 'Enter the amount you would like to give.';
    else {
      amount = parseMajorUnits(form.otherAmount, currency);
      if (amount === null) errors.other_amount = `Enter an amount in ${currency} such as 25 or 12.50.`;
    }
  } else if (form.amount === '') {
    errors.amount = 'Choose an amount, or enter your own.';
  } else if (!WHOLE.test(form.amount)) {
    // Only a changed page sends this: a negative, fractional or non-numeric amount.
    errors.amount = 'That amount is not valid. Choose one of the amounts shown, or enter your own.';
  } else if (interval && !settings.presets[interval].amounts.includes(Number(form.amount))) {
    errors.amount = 'That amount is not one we offer. Choose one of the amounts shown, or enter your own.';
  } else {
    amount = Number(form.amount);
  }
  if (amount !== null && !errors.amount && !errors.other_amount) {
    const field = form.amount === 'other' ? 'other_amount' : 'amount';
    if (amount < settings.minimumAmount) {
      errors[field] = `The smallest gift we can take online is ${money(settings.minimumAmount)}.`;
    } else if (amount > settings.maximumAmount) {
      errors[field] = `For gifts above ${money(settings.maximumAmount)}, please contact us directly.`;
    }
  }

  const name = form.name.trim();
  if (!name) errors.name = 'Enter your name, for your receipt.';
  else if (name.length > 120) errors.name = 'Keep your name under 120 characters.';
  const email = normaliseEmail(form.email);
  if (!email) errors.email = 'Enter your email address, for your receipt.';
  else if (!isEmailAddress(email)) errors.email = 'Enter an email address such as name@example.org.';
  const dedication = form.dedication.trim();
  if (dedication.length > 200) errors.dedication = 'Keep the dedication under 200 characters.';

  if (Object.keys(errors).length > 0 || amount === null || !interval) {
    throw new Invalid('Your donation has not started yet. Please check the marked fields.', errors);
  }
  const fee = form.coverFee ? feeCover(amount, settings.feeCoverPercent) : 0;
  return {
    interval,
    amount,
    fee,
    total: amount + fee,
    currency,
    name,
    email,
    dedication,
    publicListing: form.publicListing,
  };
}
