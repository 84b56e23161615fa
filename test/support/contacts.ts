import type { client } from './app.js';

type Client = ReturnType<typeof client>;

/** `GET /v3/contacts` with `page=1&page_size=100` and the given filters; the SDK's way of sending them. */
export function listContacts(c: Client, filters: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ page: '1', page_size: '100', ...filters });
  const req = c.get(`/v3/contacts?${query.toString()}`);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req;
}

/** Creates a contact and returns its body (throws on anything but 201). */
export async function createContact(c: Client, phone: string, headers: Record<string, string> = {}) {
  const req = c.post('/v3/contacts', { phone_number: phone });
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  const res = await req;
  if (res.status !== 201) throw new Error(`create contact failed: ${res.status} ${res.text}`);
  return res.body.data as Record<string, unknown> & { id: string };
}
