/** A `#rrggbb` colour as the browser computes it (`rgb(r, g, b)`), for comparing with computed styles. */
export function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
