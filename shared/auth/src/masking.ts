/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** Keeps the first third of an address (the village or road), hides the rest: 青山村3组12号 → 青山村****. */
export function maskAddress(address: string): string {
  const characters = [...address];
  if (characters.length === 0) return address;
  return `${characters.slice(0, Math.ceil(characters.length / 3)).join('')}****`;
}
