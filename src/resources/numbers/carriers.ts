/**
 * The simulator's carrier table for number lookups (docs/decisions/0020): one well-known mobile
 * network per region, with its real MCC/MNC. Simulator data, not a lookup: every mobile-capable
 * number of a region gets that region's entry, landlines and other line types get none, and a
 * region not listed here answers `null` carrier fields. The US entry is Sent's docs example
 * (`+12025551234` → T-Mobile, 310/260).
 */
export interface Carrier {
  name: string;
  mcc: string;
  mnc: string;
}

export const CARRIERS: Readonly<Record<string, Carrier>> = {
  US: { name: 'T-Mobile', mcc: '310', mnc: '260' },
  CA: { name: 'Rogers Wireless', mcc: '302', mnc: '720' },
  GB: { name: 'EE', mcc: '234', mnc: '30' },
  DE: { name: 'Telekom Deutschland', mcc: '262', mnc: '01' },
  FR: { name: 'Orange', mcc: '208', mnc: '01' },
  ES: { name: 'Movistar', mcc: '214', mnc: '07' },
  IT: { name: 'TIM', mcc: '222', mnc: '01' },
  NL: { name: 'KPN', mcc: '204', mnc: '08' },
  AU: { name: 'Telstra', mcc: '505', mnc: '01' },
  BR: { name: 'Vivo', mcc: '724', mnc: '06' },
  MX: { name: 'Telcel', mcc: '334', mnc: '020' },
  JP: { name: 'NTT Docomo', mcc: '440', mnc: '10' },
};
