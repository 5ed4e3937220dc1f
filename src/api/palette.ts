/**
 * The thermal palette of the picture, a parameter of VAPIX's param.cgi (not of
 * the thermometry API): Image.I0.Appearance.Palette, one of the names the
 * camera lists in its parameter definitions (Iron, Rainbow, White-hot and the
 * isothermal ones such as Iso-Fire-WH, whose colours follow the isotherm levels).
 *
 *   GET  /axis-cgi/param.cgi?action=list&group=Image.I0.Appearance.Palette
 *        -> root.Image.I0.Appearance.Palette=Iron                      viewer
 *   GET  /axis-cgi/param.cgi?action=listdefinitions&listformat=xmlschema&group=Image.I0.Appearance.Palette
 *        -> XML with <entry value="..."/> per palette                   viewer
 *   POST /axis-cgi/param.cgi  action=update&root.Image.I0.Appearance.Palette=Rainbow
 *        -> OK, or "# Error: ..."                                        operator
 * (param.cgi's path is PARAM_PATH of ./paths.)
 */
export const PALETTE_PARAMETER = 'Image.I0.Appearance.Palette';
/** Palette names are short words with dashes ("Iso-Fire-WH"); anything else is refused before it is sent. */
export const PALETTE_NAME = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/;
/** Isothermal palettes colour by the isotherm levels: their names start so on Axis cameras. */
export const isIsothermalPalette = (name: string): boolean => /^iso/i.test(name);
