// An Adaptive Cards host config that looks like Microsoft Teams' light theme (Segoe UI, Teams' purple accent,
// its status colours and spacing), for drawing the cards in docs/cards/ the way people see them in Teams.

const TEXT = "#252424";
const palette = {
  default: { default: TEXT, subtle: "#bf252424" },
  dark: { default: TEXT, subtle: "#bf252424" },
  light: { default: "#ffffff", subtle: "#fff3f2f1" },
  accent: { default: "#6264a7", subtle: "#8b8cc7" },
  good: { default: "#237b4b", subtle: "#e5237b4b" },
  warning: { default: "#835c00", subtle: "#e5835c00" },
  attention: { default: "#c4314b", subtle: "#e5c4314b" },
};

const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: palette });

const font = (fontFamily: string) => ({
  fontFamily,
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
});

/** The host config object (passed to `new AdaptiveCards.HostConfig(...)` in the page). */
export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#EEEEEE" },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontStyles: { default: font("'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif"), monospace: font("'Courier New', monospace") },
  containerStyles: {
    default: style("#ffffff"),
    emphasis: style("#f9f8f7"),
    accent: style("#e8ebfa"),
    good: style("#e7f2da"),
    attention: style("#fcf4f6"),
    warning: style("#fbf6d9"),
  },
  actions: {
    maxActions: 6,
    spacing: "Default",
    buttonSpacing: 8,
    showCard: { actionMode: "Inline", inlineTopMargin: 16, style: "emphasis" },
    actionsOrientation: "Horizontal",
    actionAlignment: "Left",
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: "Default", color: "Default", isSubtle: false, weight: "Bolder", wrap: true },
    value: { size: "Default", color: "Default", isSubtle: false, weight: "Default", wrap: true },
    spacing: 16,
  },
};
