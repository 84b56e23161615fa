// How the profiles module stores a profile and its brand (the core's store/types.ts names no resource).
import type { components } from '../../generated/sent-v3.js';

type Schemas = components['schemas'];

/**
 * A brand as stored: the wire shape (`ProfileBrand`) without `is_inherited`, which says how a
 * profile sees the brand and is set by to-wire.
 */
export type BrandRecord = Omit<Schemas['ProfileBrand'], 'is_inherited'>;

/** Simulator-only WhatsApp state. `access_token` is stored and never returned or logged. */
export interface WhatsappRecord {
  waba_id: string;
  access_token: string | null;
  phone_number_id: string | null;
  inherited: boolean;
}

/** What the simulator keeps of a card: never the number, expiry or CVC (docs/decisions/0003). */
export interface PaymentRecord {
  last4: string;
  card_brand: string;
}

/**
 * A profile as stored. Wire fields keep their wire names; simulator-only state
 * (`whatsapp`, `payment`, `deleted_at`) is dropped by to-wire.
 */
export interface ProfileRecord extends Omit<Schemas['ProfileDetail'], 'email' | 'waba_id' | 'brand'> {
  brand: BrandRecord | null;
  whatsapp: WhatsappRecord | null;
  payment: PaymentRecord | null;
  deleted_at: string | null;
}
