import type { Lang } from '../i18n/languages.ts';
import data from './kpi-catalogue/u4ssc-kpis.json' with { type: 'json' };

/**
 * The U4SSC KPIs for smart sustainable cities (ITU-T Y.4903/L.1603), shipped as data
 * (kpi-catalogue/u4ssc-kpis.json; its README names the source and what is incomplete).
 */
type Names = Partial<Record<Lang, string>> & { en: string };

export interface Kpi {
  code: string;
  name: Names;
  unit: string;
  type: 'core' | 'advanced';
  direction: 'higher' | 'lower';
  target?: number;
  targetSource?: string;
  dimension: { id: string; name: Names };
  subDimension: { id: string; name: Names };
  category: { id: string; name: Names };
}

interface Catalogue {
  source: string;
  dimensions: {
    id: string;
    name: Names;
    subDimensions: {
      id: string;
      name: Names;
      categories: {
        id: string;
        name: Names;
        kpis: Omit<Kpi, 'dimension' | 'subDimension' | 'category'>[];
      }[];
    }[];
  }[];
  units: Record<string, Partial<Record<Lang, string>>>;
}

const catalogue = data as unknown as Catalogue;

export const KPI_SOURCE = catalogue.source;

/** Every KPI in catalogue order (dimension, sub-dimension, category, code). */
export const KPIS: readonly Kpi[] = catalogue.dimensions.flatMap((dimension) =>
  dimension.subDimensions.flatMap((subDimension) =>
    subDimension.categories.flatMap((category) =>
      category.kpis.map((kpi) => ({
        ...kpi,
        dimension: { id: dimension.id, name: dimension.name },
        subDimension: { id: subDimension.id, name: subDimension.name },
        category: { id: category.id, name: category.name },
      })),
    ),
  ),
);

const BY_CODE = new Map(KPIS.map((kpi) => [kpi.code, kpi]));

export const DIMENSIONS = catalogue.dimensions.map((d) => ({ id: d.id, name: d.name }));

/** A KPI by its code (case-insensitive, spaces and colons read as hyphens: "EC: ICT: ICT: 1C"). */
export function kpiByCode(code: string): Kpi | undefined {
  return BY_CODE.get(
    code
      .trim()
      .toUpperCase()
      .replace(/\s*:\s*|\s+/g, '-'),
  );
}

/** A name in the language, or the English one marked `[en]`. */
export function localName(names: Names, lang: Lang): string {
  const found = names[lang];
  return found ?? (lang === 'en' ? names.en : `${names.en} [en]`);
}

/** A unit in the language where the catalogue translates it, else as written ("%" and symbols need none). */
export function localUnit(unit: string, lang: Lang): string {
  return lang === 'en' ? unit : (catalogue.units[unit]?.[lang] ?? unit);
}

/** Units are compared without case and spacing differences ("km per 100,000 inhabitants"). */
export const sameUnit = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');
