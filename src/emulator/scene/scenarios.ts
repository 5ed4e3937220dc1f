/**
 * Named scenes. Each scenario places its heat sources around an origin in
 * world coordinates, so the PTZ "plant" can put one of them in front of each
 * preset. Temperatures in Celsius, kept within the profiles' measurable
 * range (-40..350); sizes in the view's -1..1 units.
 */
import type { Point } from './geometry';
import type { TemperatureField } from './field';

export interface ScenarioBackground {
  ambient: number;
  ambientGradient: number;
}

type Placer = (field: TemperatureField, origin: Point, prefix: string) => ScenarioBackground;

const at = (origin: Point, x: number, y: number) => ({ x: origin[0] + x, y: origin[1] + y });

/** A quiet room: a radiator, a person-sized warm shape, a cold window. */
const idle: Placer = (field, o, p) => {
  field.addSource({ id: `${p}radiator`, shape: 'rect', ...at(o, -0.55, -0.45), width: 0.5, height: 0.25, temperature: 45, softness: 0.2 });
  field.addSource({ id: `${p}window`, shape: 'rect', ...at(o, 0.45, 0.35), width: 0.6, height: 0.5, temperature: 8, softness: 0.1 });
  field.addSource({ id: `${p}person`, shape: 'disc', ...at(o, 0.05, -0.1), radius: 0.09, temperature: 33, softness: 0.5 });
  return { ambient: 21, ambientGradient: 1.5 };
};

/** A furnace door: a glowing opening in a warm wall, its heat cycling as the burner works. */
const furnaceDoor: Placer = (field, o, p) => {
  field.addSource({ id: `${p}wall`, shape: 'rect', ...at(o, 0, 0.05), width: 1.3, height: 1.5, temperature: 50, softness: 0.15 });
  field.addSource({ id: `${p}frame`, shape: 'rect', ...at(o, 0, -0.05), width: 0.7, height: 0.9, temperature: 110, softness: 0.1 });
  field.addSource({
    id: `${p}door`,
    shape: 'rect',
    ...at(o, 0, -0.05),
    width: 0.5,
    height: 0.7,
    temperature: 230,
    softness: 0.25,
    ramp: 3,
    rampRange: [200, 300],
  });
  field.addSource({ id: `${p}flame`, shape: 'disc', ...at(o, 0, -0.15), radius: 0.08, temperature: 330, softness: 0.8 });
  field.addSource({ id: `${p}floor`, shape: 'rect', ...at(o, 0, -0.85), width: 2, height: 0.3, temperature: 35, softness: 0.3 });
  return { ambient: 28, ambientGradient: 4 };
};

/** A conveyor carrying hot castings across the view, one of them hotter than the rest. */
const conveyor: Placer = (field, o, p) => {
  field.addSource({ id: `${p}belt`, shape: 'rect', ...at(o, 0, -0.1), width: 2.4, height: 0.35, temperature: 38, softness: 0.05 });
  const wrap: [number, number] = [o[0] - 1.3, o[0] + 1.3];
  const temperatures = [180, 175, 290, 185, 170];
  temperatures.forEach((temperature, i) => {
    field.addSource({
      id: `${p}item${i + 1}`,
      shape: 'rect',
      ...at(o, -1.3 + i * 0.52, -0.1),
      width: 0.16,
      height: 0.22,
      temperature,
      softness: 0.3,
      vx: 0.12,
      wrapX: wrap,
    });
  });
  field.addSource({ id: `${p}motor`, shape: 'disc', ...at(o, -0.8, 0.45), radius: 0.1, temperature: 55, softness: 0.6 });
  return { ambient: 24, ambientGradient: 2 };
};

/** An electrical cabinet: three terminals, one of them slowly overheating and cooling again. */
const electricalCabinet: Placer = (field, o, p) => {
  field.addSource({ id: `${p}cabinet`, shape: 'rect', ...at(o, 0, 0), width: 1.2, height: 1.6, temperature: 27, softness: 0.05 });
  field.addSource({ id: `${p}busbar`, shape: 'rect', ...at(o, 0, 0.45), width: 0.9, height: 0.08, temperature: 34, softness: 0.3 });
  field.addSource({ id: `${p}terminalL1`, shape: 'rect', ...at(o, -0.3, 0), width: 0.12, height: 0.3, temperature: 41, softness: 0.4 });
  field.addSource({ id: `${p}terminalL2`, shape: 'rect', ...at(o, 0, 0), width: 0.12, height: 0.3, temperature: 42, softness: 0.4 });
  field.addSource({
    id: `${p}terminalL3`,
    shape: 'rect',
    ...at(o, 0.3, 0),
    width: 0.12,
    height: 0.3,
    temperature: 45,
    softness: 0.4,
    ramp: 0.25,
    rampRange: [45, 95],
  });
  return { ambient: 22, ambientGradient: 1 };
};

export const SCENARIOS: Readonly<Record<string, Placer>> = {
  idle,
  'furnace-door': furnaceDoor,
  conveyor,
  'electrical-cabinet': electricalCabinet,
};

/** World x of preset n's view on the PTZ "plant" (views are 2 wide; 4 apart leaves no overlap). */
export function defaultPresetView(presetNbr: number): Point {
  return [(presetNbr - 1) * 4, 0];
}

/** What the plant puts in front of each preset (the ptz profile: Home, Transformer, Conveyor, Storage). */
const PLANT_ORDER = ['furnace-door', 'electrical-cabinet', 'conveyor', 'idle'];

export const SCENARIO_NAMES = [...Object.keys(SCENARIOS), 'plant'];

/**
 * Replaces the field's sources with a scenario. 'plant' puts one scenario in
 * front of each of `presets` (default 1..4).
 */
export function applyScenario(field: TemperatureField, name: string, presets: number[] = [1, 2, 3, 4]): void {
  if (name === 'plant') {
    field.clearSources();
    presets.forEach((nbr, i) => {
      SCENARIOS[PLANT_ORDER[i % PLANT_ORDER.length]](field, defaultPresetView(nbr), `p${nbr}-`);
    });
    field.ambient = 22;
    field.ambientGradient = 1.5;
    return;
  }
  const placer = SCENARIOS[name];
  if (!placer) throw new RangeError(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  field.clearSources();
  const background = placer(field, [0, 0], '');
  field.ambient = background.ambient;
  field.ambientGradient = background.ambientGradient;
}
