export { buildAppPackage, MANIFEST_FILE, type BuildOptions, type BuiltAppPackage } from './buildAppPackage';
export { AppPackageError, displayPath } from './errors';
export { checkIcon, ICON_SIZES, type IconKind } from './iconChecks';
export { drawColorIcon, drawOutlineIcon, writeIcons, PALETTE } from './drawIcons';
export { readEnvironment, type EnvironmentValues } from './environment';
export { fillPlaceholders, type FilledDocument } from './placeholders';
export { runPackageCli, type PackageCliIo } from './main';
