import type { ChangeOrigin } from '@app/contracts';

/**
 * An import's origin narrowed to one of its rows (`imports/<id>/rows/<row>`): import sends
 * one actor per batch, each item its row. Only an import's origin takes a row: the number
 * another sender puts in an item changes nothing.
 */
export function rowOrigin(origin: ChangeOrigin | undefined, row: number | undefined) {
  return origin?.channel === 'import' && row !== undefined ? { ...origin, row } : origin;
}
