import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Paths of the bundled DejaVu Sans TTFs (regular and bold) from the `dejavu-fonts-ttf` package. */
export function chartFontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
}
