/**
 * The map without a tile server (local mode, or a stage with no Amazon Location key): a MapLibre style
 * whose only source is a small GeoJSON sketch drawn for this project — the coastline of Muscat
 * Governorate and its main roads, as lines through points read from general knowledge (±500 m). Good
 * enough to find one's district and place a pin; not a survey (docs/decisions/0096).
 * No glyphs are needed: names are HTML labels the page draws, so Arabic is shaped by the browser.
 */
import type { StyleSpecification } from 'maplibre-gl';

import { LAND, type Line } from '../../../shared/muscat-land.ts';

const ROADS: { name: string; main: boolean; line: Line }[] = [
  {
    name: 'Sultan Qaboos Street',
    main: true,
    line: [
      [58.05, 23.68],
      [58.12, 23.66],
      [58.19, 23.64],
      [58.25, 23.615],
      [58.29, 23.6],
      [58.34, 23.59],
      [58.39, 23.585],
      [58.42, 23.594],
      [58.445, 23.6],
      [58.47, 23.605],
      [58.49, 23.598],
      [58.52, 23.6],
      [58.545, 23.6],
    ],
  },
  {
    name: 'Muscat Expressway',
    main: true,
    line: [
      [58.05, 23.63],
      [58.12, 23.6],
      [58.18, 23.578],
      [58.26, 23.565],
      [58.33, 23.56],
      [58.4, 23.558],
      [58.45, 23.565],
      [58.5, 23.565],
      [58.545, 23.575],
    ],
  },
  {
    name: 'Al Amarat – Qurayyat road',
    main: true,
    line: [
      [58.5, 23.565],
      [58.49, 23.52],
      [58.53, 23.46],
      [58.6, 23.4],
      [58.68, 23.35],
      [58.76, 23.32],
      [58.85, 23.29],
      [58.919, 23.265],
    ],
  },
  {
    name: 'Muttrah Corniche road',
    main: false,
    line: [
      [58.545, 23.6],
      [58.555, 23.612],
      [58.565, 23.62],
      [58.58, 23.618],
      [58.592, 23.614],
      [58.608, 23.6],
      [58.61, 23.578],
    ],
  },
  {
    name: 'Bawshar – Al Amarat road',
    main: false,
    line: [
      [58.4, 23.558],
      [58.42, 23.53],
      [58.46, 23.52],
      [58.49, 23.52],
    ],
  },
];

export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {
    land: {
      type: 'geojson',
      data: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [LAND] } },
    },
    roads: {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: ROADS.map((r) => ({
          type: 'Feature',
          properties: { name: r.name, main: r.main },
          geometry: { type: 'LineString', coordinates: r.line },
        })),
      },
    },
  },
  layers: [
    { id: 'sea', type: 'background', paint: { 'background-color': '#b9d9eb' } },
    { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f3efe6' } },
    { id: 'coast', type: 'line', source: 'land', paint: { 'line-color': '#8fb4c9', 'line-width': 1.2 } },
    {
      id: 'roads-casing',
      type: 'line',
      source: 'roads',
      paint: { 'line-color': '#c9a86a', 'line-width': ['case', ['get', 'main'], 6, 4] },
      layout: { 'line-cap': 'round', 'line-join': 'round' },
    },
    {
      id: 'roads',
      type: 'line',
      source: 'roads',
      paint: { 'line-color': '#ffd98a', 'line-width': ['case', ['get', 'main'], 4, 2.5] },
      layout: { 'line-cap': 'round', 'line-join': 'round' },
    },
  ],
};
