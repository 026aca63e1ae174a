// Catalog: menus, categories, option groups, photos and the attract screen; the catalog tablets sync.
// The public surface of this context: transports import from '@hiorder/core/catalog' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { addAttractImage, readAttractScreen, updateAttractScreen } from './attract-screen';
export { presentOptionGroup } from './catalog.presenter';
export { catalogVersion } from './catalog.repository';
export { createCategory, deleteCategory, reorderCategories, updateCategory } from './category-commands';
export { Category } from './category.entity';
export { createMenu, deleteMenu, duplicateMenu, reorderMenus, setMenuPhoto, setMenuSoldOut, updateMenu } from './menu-commands';
export { MenuOption } from './menu-option.entity';
export { Menu } from './menu.entity';
export { createOptionGroup, deleteOptionGroup, listOptionGroups, replaceOptionGroup, setOptionSoldOut } from './option-group-commands';
export { OptionGroup } from './option-group.entity';
export { removePhotos, storePhoto } from './photo-storage';
export { readCatalog, syncCatalog } from './read-catalog';
