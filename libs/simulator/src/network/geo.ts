export interface GeoPoint {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371;
/** Roads are longer than the great circle; 1.3 is the usual detour index for European road freight. */
const ROAD_DETOUR = 1.3;

function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whole kilometres by road (at least 1: a parcel always travels somewhere). */
export function roadKm(a: GeoPoint, b: GeoPoint): number {
  return Math.max(1, Math.round(greatCircleKm(a, b) * ROAD_DETOUR));
}
