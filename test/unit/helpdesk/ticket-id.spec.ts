import assert from "node:assert/strict";
import { TICKET_ID_ALPHABET, newTicketId, normalizeTicketId } from "../../../src/helpdesk/repositories/tickets";

describe("newTicketId", () => {
  it("is T- and 6 characters from the unambiguous alphabet", () => {
    assert.match(newTicketId(), /^T-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
  });

  it("never uses characters people confuse (0 O 1 I L)", () => {
    assert.equal(/[01OIL]/.test(TICKET_ID_ALPHABET), false);
  });

  it("maps the random source onto the alphabet", () => {
    assert.equal(newTicketId(() => 0), "T-222222");
  });

  it("reaches the alphabet's last character", () => {
    assert.equal(newTicketId((max) => max - 1), "T-ZZZZZZ");
  });
});

describe("normalizeTicketId", () => {
  const table: [string, unknown, string | undefined][] = [
    ["a canonical id", "T-7F3K2Q", "T-7F3K2Q"],
    ["lower case and spaces", " t-7f3k2q ", "T-7F3K2Q"],
    ["too short", "T-7F3K2", undefined],
    ["an ambiguous character", "T-7F3K2O", undefined],
    ["a path", "T-7F3K2Q/../x", undefined],
    ["not a string", 42, undefined],
  ];
  for (const [name, raw, expected] of table) {
    it(name, () => {
      assert.equal(normalizeTicketId(raw), expected);
    });
  }
});
