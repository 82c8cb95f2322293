/**
 * Muscat Governorate's shore and the land behind it, drawn for this project as lines through points read
 * from general knowledge (±500 m): the portal's sketch map (docs/decisions/0096) and the panel's hotspot
 * map draw on it. Not a survey; no GADM data (its licence forbids commercial redistribution).
 */
export type Line = [lng: number, lat: number][];

/** West to east along the shore, then round the back of the land. */
const COAST: Line = [
  [57.9, 23.76],
  [58.0, 23.73],
  [58.1, 23.7],
  [58.19, 23.686],
  [58.26, 23.655],
  [58.3, 23.632],
  [58.37, 23.607],
  [58.42, 23.612],
  [58.47, 23.626],
  [58.5, 23.628],
  [58.53, 23.632],
  [58.565, 23.626],
  [58.58, 23.622],
  [58.597, 23.618],
  [58.615, 23.597],
  [58.62, 23.575],
  [58.66, 23.535],
  [58.69, 23.51],
  [58.73, 23.47],
  [58.78, 23.42],
  [58.86, 23.34],
  [58.93, 23.27],
  [59.0, 23.16],
  [59.06, 23.05],
  [59.14, 22.93],
  [59.25, 22.8],
];
export const LAND: Line = [...COAST, [59.25, 22.5], [57.9, 22.5], [57.9, 23.76]];
