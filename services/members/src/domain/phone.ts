/** Mainland mobile number (手机号): 11 digits, 1[3-9]xxxxxxxxx. */
export const MAINLAND_MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Landline (固定电话) with its area code: 0 + 2–3 digits, optional hyphen, 7–8 digits, e.g. 0555-2345678. */
export const LANDLINE_PATTERN = /^0\d{2,3}-?[1-9]\d{6,7}$/;

export const MOBILE_MESSAGE = 'must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)';
export const PHONE_MESSAGE = 'must be a mainland mobile number or a landline with area code, e.g. 13812345678 or 0555-2345678';

export function isMobileOrLandline(phone: string): boolean {
  return MAINLAND_MOBILE_PATTERN.test(phone) || LANDLINE_PATTERN.test(phone);
}
