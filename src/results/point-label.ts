import type { ResultRecord } from '../model/result-record.js';

/**
 * A point's name in tables: the model, then `@resolution` when the row has one
 * ("MobileNetV1-0.25 @128"), because one model name often covers several resolutions.
 */
export function pointLabel(record: ResultRecord): string {
  return record.resolution === undefined ? record.model : `${record.model} @${record.resolution}`;
}

/**
 * A short label for chart points: the model name without its family prefix, then
 * `@resolution`: "MobileNetV1-1.0+BFT" at 128 in family MobileNetV1 → "1.0+BFT @128".
 */
export function shortPointLabel(record: ResultRecord): string {
  const prefix = `${record.family}-`;
  const name =
    record.model.startsWith(prefix) && record.model.length > prefix.length
      ? record.model.slice(prefix.length)
      : record.model;
  return record.resolution === undefined ? name : `${name} @${record.resolution}`;
}
