// What a conversation turn produces, independent of the Teams SDK: the teams/ layer turns these into activities.
import type { AdaptiveCard } from "../cards/render";

export type Reply = { kind: "text"; text: string } | { kind: "card"; card: AdaptiveCard; summary: string };

export const text = (t: string): Reply => ({ kind: "text", text: t });
export const card = (c: AdaptiveCard, summary: string): Reply => ({ kind: "card", card: c, summary });
