import assert from "node:assert/strict";
import { formatDateTime, formatDuration, formatRelative, formatWhen, safeTimeZone } from "../../../src/triage/format";

const NOW = new Date("2026-11-28T12:00:00Z");
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
const MIN = 60_000;

describe("triage/format", () => {
  describe("formatDateTime", () => {
    it("formats in UTC with the zone name", () => {
      assert.equal(formatDateTime(new Date("2026-11-28T14:05:00Z"), "UTC"), "Sat 28 Nov 2026, 14:05 UTC");
    });

    it("shifts into Europe/Berlin", () => {
      assert.equal(formatDateTime(new Date("2026-11-28T13:05:00Z"), "Europe/Berlin"), "Sat 28 Nov 2026, 14:05 Europe/Berlin");
    });

    it("crosses the date boundary in Europe/Berlin (23:30 UTC is the next day there)", () => {
      assert.equal(formatDateTime(new Date("2026-11-28T23:30:00Z"), "Europe/Berlin"), "Sun 29 Nov 2026, 00:30 Europe/Berlin");
    });

    it("crosses the date boundary backwards in America/Los_Angeles", () => {
      assert.equal(formatDateTime(new Date("2026-11-28T03:00:00Z"), "America/Los_Angeles"), "Fri 27 Nov 2026, 19:00 America/Los_Angeles");
    });

    it("falls back to UTC for an unknown zone instead of throwing", () => {
      assert.equal(formatDateTime(new Date("2026-11-28T14:05:00Z"), "Mars/Olympus"), "Sat 28 Nov 2026, 14:05 UTC");
    });
  });

  describe("invalid dates", () => {
    it("formats an invalid date without throwing", () => {
      assert.equal(formatWhen(new Date(Number.NaN), NOW, "UTC"), "an unknown time (unknown)");
    });
  });

  describe("safeTimeZone", () => {
    it("keeps a known zone", () => {
      assert.equal(safeTimeZone("Asia/Tokyo"), "Asia/Tokyo");
    });
  });

  describe("formatRelative", () => {
    const table: [string, number, string][] = [
      ["in 1 minute", MIN, "in 1 minute"],
      ["1 minute ago", -MIN, "1 minute ago"],
      ["a few seconds away", 10_000, "just now"],
      ["45 minutes ahead", 45 * MIN, "in 45 minutes"],
      ["2 hours ago", -2 * 60 * MIN, "2 hours ago"],
      ["17 hours ahead", 17 * 60 * MIN, "in 17 hours"],
      ["3 days ago", -3 * 24 * 60 * MIN, "3 days ago"],
    ];
    for (const [name, offset, expected] of table) {
      it(`says "${expected}" for ${name}`, () => {
        assert.equal(formatRelative(later(offset), NOW), expected);
      });
    }
  });

  describe("formatWhen", () => {
    it("joins absolute and relative", () => {
      assert.equal(formatWhen(later(-2 * 60 * MIN), NOW, "Europe/Berlin"), "Sat 28 Nov 2026, 11:00 Europe/Berlin (2 hours ago)");
    });
  });

  describe("formatDuration", () => {
    const table: [number, string][] = [
      [60, "60 minutes"],
      [1, "1 minute"],
      [480, "8 hours"],
      [90, "90 minutes"],
      [1440, "1 day"],
    ];
    for (const [minutes, expected] of table) {
      it(`says "${expected}" for ${minutes}`, () => {
        assert.equal(formatDuration(minutes), expected);
      });
    }
  });
});
