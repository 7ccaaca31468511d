<?php
class LxSchemaHooks {
	public static function onLoadExtensionSchemaUpdates( $updater ) {
		$dbType = $updater->getDB()->getType();
		$dir = dirname( __DIR__ );
		$updater->addExtensionTable( 'lx_items', "{$dir}/sql/{$dbType}/tables-generated.sql" );
		// The change file says "add", its SQL does not.
		$updater->addExtensionField( 'lx_items', 'lx_tag',
			"{$dir}/sql/{$dbType}/patch-lx-tag-fields.sql"
		);
	}
}
