/**
 * British National Grid (OSGB36 transverse Mercator) eastings/northings <-> WGS84 latitude/longitude.
 *
 * The projection formulae are those of Ordnance Survey's "A guide to coordinate systems in Great
 * Britain" (Annex C); the datum change is the published 7-parameter Helmert transformation between
 * OSGB36 and WGS84 (ETRS89), which is good to about 5 m across Great Britain (OSTN15 would give ~0.1 m
 * but needs a 15 MB grid). Heights are taken as 0: postcode centroids have none, and the error that
 * brings is well under a metre.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export interface GridRef {
  easting: number;
  northing: number;
}

interface Ellipsoid {
  a: number;
  b: number;
}

const AIRY_1830: Ellipsoid = { a: 6377563.396, b: 6356256.909 };
const WGS84: Ellipsoid = { a: 6378137, b: 6356752.314245 };

// National Grid projection constants.
const F0 = 0.9996012717;
const LAT0 = (49 * Math.PI) / 180;
const LNG0 = (-2 * Math.PI) / 180;
const E0 = 400000;
const N0 = -100000;

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;
const ARCSEC = Math.PI / (180 * 3600);

/** Helmert parameters WGS84 -> OSGB36 (translations in metres, scale in ppm, rotations in arc seconds). */
const TO_OSGB36 = { tx: -446.448, ty: 125.157, tz: -542.06, s: 20.4894, rx: -0.1502, ry: -0.247, rz: -0.8421 };
/** The reverse transformation (OSGB36 -> WGS84): every parameter negated. */
const TO_WGS84 = { tx: 446.448, ty: -125.157, tz: 542.06, s: -20.4894, rx: 0.1502, ry: 0.247, rz: 0.8421 };

const { a, b } = AIRY_1830;
const N_ = (a - b) / (a + b);
const E2 = 1 - (b * b) / (a * a);

/** Meridional arc from the true origin to latitude `phi` (the guide's "M"). */
function meridionalArc(phi: number): number {
  const n = N_;
  const n2 = n * n;
  const n3 = n2 * n;
  const dp = phi - LAT0;
  const sp = phi + LAT0;
  return (
    b *
    F0 *
    ((1 + n + 1.25 * n2 + 1.25 * n3) * dp -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dp) * Math.cos(sp) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dp) * Math.cos(2 * sp) -
      (35 / 24) * n3 * Math.sin(3 * dp) * Math.cos(3 * sp))
  );
}

/** National Grid eastings/northings -> OSGB36 latitude/longitude (degrees), before any datum change. */
export function gridToOsgb36(easting: number, northing: number): LatLng {
  let phi = LAT0;
  let m = 0;
  // Iterate until the northing residual is below 0.01 mm (converges in a handful of steps).
  for (let i = 0; i < 100; i++) {
    phi = (northing - N0 - m) / (a * F0) + phi;
    m = meridionalArc(phi);
    if (Math.abs(northing - N0 - m) < 0.00001) break;
  }
  const sin = Math.sin(phi);
  const cos = Math.cos(phi);
  const tan = Math.tan(phi);
  const nu = (a * F0) / Math.sqrt(1 - E2 * sin * sin);
  const rho = (a * F0 * (1 - E2)) / Math.pow(1 - E2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const tan2 = tan * tan;
  const tan4 = tan2 * tan2;
  const tan6 = tan4 * tan2;
  const sec = 1 / cos;
  const nu3 = nu * nu * nu;
  const nu5 = nu3 * nu * nu;
  const nu7 = nu5 * nu * nu;
  const VII = tan / (2 * rho * nu);
  const VIII = (tan / (24 * rho * nu3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const IX = (tan / (720 * rho * nu5)) * (61 + 90 * tan2 + 45 * tan4);
  const X = sec / nu;
  const XI = (sec / (6 * nu3)) * (nu / rho + 2 * tan2);
  const XII = (sec / (120 * nu5)) * (5 + 28 * tan2 + 24 * tan4);
  const XIIA = (sec / (5040 * nu7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6);
  const dE = easting - E0;
  const dE2 = dE * dE;
  const dE3 = dE2 * dE;
  const dE4 = dE2 * dE2;
  const dE5 = dE4 * dE;
  const dE6 = dE4 * dE2;
  const dE7 = dE6 * dE;
  const lat = phi - VII * dE2 + VIII * dE4 - IX * dE6;
  const lng = LNG0 + X * dE - XI * dE3 + XII * dE5 - XIIA * dE7;
  return { lat: lat * DEG, lng: lng * DEG };
}

/** OSGB36 latitude/longitude (degrees) -> National Grid eastings/northings. */
export function osgb36ToGrid(latDeg: number, lngDeg: number): GridRef {
  const phi = latDeg * RAD;
  const lambda = lngDeg * RAD;
  const sin = Math.sin(phi);
  const cos = Math.cos(phi);
  const tan = Math.tan(phi);
  const tan2 = tan * tan;
  const tan4 = tan2 * tan2;
  const nu = (a * F0) / Math.sqrt(1 - E2 * sin * sin);
  const rho = (a * F0 * (1 - E2)) / Math.pow(1 - E2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const m = meridionalArc(phi);
  const cos3 = cos * cos * cos;
  const cos5 = cos3 * cos * cos;
  const I = m + N0;
  const II = (nu / 2) * sin * cos;
  const III = (nu / 24) * sin * cos3 * (5 - tan2 + 9 * eta2);
  const IIIA = (nu / 720) * sin * cos5 * (61 - 58 * tan2 + tan4);
  const IV = nu * cos;
  const V = (nu / 6) * cos3 * (nu / rho - tan2);
  const VI = (nu / 120) * cos5 * (5 - 18 * tan2 + tan4 + 14 * eta2 - 58 * tan2 * eta2);
  const dl = lambda - LNG0;
  const dl2 = dl * dl;
  const dl3 = dl2 * dl;
  const dl4 = dl2 * dl2;
  const dl5 = dl4 * dl;
  const dl6 = dl4 * dl2;
  return {
    northing: I + II * dl2 + III * dl4 + IIIA * dl6,
    easting: E0 + IV * dl + V * dl3 + VI * dl5,
  };
}

interface Cartesian {
  x: number;
  y: number;
  z: number;
}

function toCartesian(latDeg: number, lngDeg: number, e: Ellipsoid): Cartesian {
  const phi = latDeg * RAD;
  const lambda = lngDeg * RAD;
  const e2 = 1 - (e.b * e.b) / (e.a * e.a);
  const sin = Math.sin(phi);
  const nu = e.a / Math.sqrt(1 - e2 * sin * sin);
  return { x: nu * Math.cos(phi) * Math.cos(lambda), y: nu * Math.cos(phi) * Math.sin(lambda), z: nu * (1 - e2) * sin };
}

function fromCartesian({ x, y, z }: Cartesian, e: Ellipsoid): LatLng {
  const e2 = 1 - (e.b * e.b) / (e.a * e.a);
  const p = Math.sqrt(x * x + y * y);
  let phi = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const sin = Math.sin(phi);
    const nu = e.a / Math.sqrt(1 - e2 * sin * sin);
    const next = Math.atan2(z + e2 * nu * sin, p);
    if (Math.abs(next - phi) < 1e-12) {
      phi = next;
      break;
    }
    phi = next;
  }
  return { lat: phi * DEG, lng: Math.atan2(y, x) * DEG };
}

function helmert(c: Cartesian, t: typeof TO_WGS84): Cartesian {
  const s = 1 + t.s * 1e-6;
  const rx = t.rx * ARCSEC;
  const ry = t.ry * ARCSEC;
  const rz = t.rz * ARCSEC;
  return {
    x: t.tx + s * c.x - rz * c.y + ry * c.z,
    y: t.ty + rz * c.x + s * c.y - rx * c.z,
    z: t.tz - ry * c.x + rx * c.y + s * c.z,
  };
}

/** National Grid eastings/northings (metres) -> WGS84 latitude/longitude (degrees), to about 5 m. */
export function gridToWgs84(easting: number, northing: number): LatLng {
  const osgb = gridToOsgb36(easting, northing);
  return fromCartesian(helmert(toCartesian(osgb.lat, osgb.lng, AIRY_1830), TO_WGS84), WGS84);
}

/** WGS84 latitude/longitude (degrees) -> National Grid eastings/northings (metres), to about 5 m. */
export function wgs84ToGrid(lat: number, lng: number): GridRef {
  const osgb = fromCartesian(helmert(toCartesian(lat, lng, WGS84), TO_OSGB36), AIRY_1830);
  return osgb36ToGrid(osgb.lat, osgb.lng);
}

/** True when eastings/northings fall within the National Grid's extent (0-700 km E, 0-1300 km N). */
export function isOnNationalGrid(easting: number, northing: number): boolean {
  return Number.isFinite(easting) && Number.isFinite(northing) && easting > 0 && easting < 700000 && northing > 0 && northing < 1300000;
}
