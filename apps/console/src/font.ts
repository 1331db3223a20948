/** The console's text face: Noto Sans SC, served with the console (main.tsx), then the system's. */
export const FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
