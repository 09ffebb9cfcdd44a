import type { Polygon } from 'geojson';

/**
 * Approximate WGS84 centres of the demo province's communes (the new Tây Ninh: old Tây Ninh in the
 * north, old Long An in the south), placed on the town or ward centre each commune is named after.
 * Good enough to route demo reports and open the map; a real deployment loads the official
 * boundaries (GeoJSON) through PUT /api/admin/report-geo/{adminUnitId}.
 */
export const DEMO_COMMUNE_CENTRES: Record<string, { lat: number; lng: number }> = {
  '25459': { lat: 11.3101, lng: 106.0983 }, // Phường Tân Ninh
  '25480': { lat: 11.3335, lng: 106.1397 }, // Phường Bình Minh
  '25567': { lat: 11.3483, lng: 106.1091 }, // Phường Ninh Thạnh
  '25630': { lat: 11.2885, lng: 106.1336 }, // Phường Long Hoa
  '25645': { lat: 11.2682, lng: 106.1165 }, // Phường Hòa Thành
  '25654': { lat: 11.0805, lng: 106.2594 }, // Phường Gò Dầu
  '25708': { lat: 11.0314, lng: 106.3637 }, // Phường Trảng Bàng
  '27694': { lat: 10.5362, lng: 106.4128 }, // Phường Long An
  '27712': { lat: 10.5578, lng: 106.3965 }, // Phường Tân An
  '27715': { lat: 10.5032, lng: 106.3771 }, // Phường Khánh Hậu
  '27787': { lat: 10.7735, lng: 105.9241 }, // Phường Kiến Tường
  '25486': { lat: 11.5318, lng: 106.0127 }, // Xã Tân Biên
  '25516': { lat: 11.559, lng: 106.1621 }, // Xã Tân Châu
  '25552': { lat: 11.362, lng: 106.238 }, // Xã Dương Minh Châu
  '25585': { lat: 11.3042, lng: 106.0312 }, // Xã Châu Thành
  '25681': { lat: 11.112, lng: 106.1539 }, // Xã Bến Cầu
  '27937': { lat: 10.8822, lng: 106.4085 }, // Xã Đức Hòa
  '27991': { lat: 10.6371, lng: 106.4886 }, // Xã Bến Lức
  '28108': { lat: 10.5087, lng: 106.6012 }, // Xã Cần Đước
  '28159': { lat: 10.6075, lng: 106.6702 }, // Xã Cần Giuộc
};

/**
 * Radii (km) of the demo boundaries of the four communes that have their own committee in the demo
 * data. These are NOT the official boundaries: each is a plausible octagon around the centre, sized
 * so that neighbouring demo communes do not overlap (Phường Long An and Phường Tân An are ~2.7 km
 * apart), so that the boundary test and the nearest-centre fallback can both be seen working.
 */
export const DEMO_BOUNDARY_RADII_KM: Record<string, number> = {
  '25459': 2.5,
  '27694': 1.2,
  '27937': 6,
  '25681': 7,
};

/** A closed octagon of `radiusKm` around a centre. */
export function octagonAround(centre: { lat: number; lng: number }, radiusKm: number): Polygon {
  const dLat = radiusKm / 111.32;
  const dLng = radiusKm / (111.32 * Math.cos((centre.lat * Math.PI) / 180));
  const ring: [number, number][] = [];
  for (let i = 0; i < 8; i += 1) {
    const angle = (i * Math.PI) / 4 + Math.PI / 8;
    ring.push([
      Number((centre.lng + Math.cos(angle) * dLng).toFixed(6)),
      Number((centre.lat + Math.sin(angle) * dLat).toFixed(6)),
    ]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}
