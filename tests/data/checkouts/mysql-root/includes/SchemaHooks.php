<?php
// One branch per platform; MySQL's file sits in sql/ itself.
class BbxSchemaHooks {
	public static function onLoadExtensionSchemaUpdates( $updater ) {
		$dir = dirname( __DIR__ ) . '/sql/';
		$dbType = $updater->getDB()->getType();

		if ( $dbType === 'mysql' ) {
			$updater->addExtensionTable( 'bbx', $dir . 'tables-generated.sql' );
		} elseif ( $dbType === 'sqlite' ) {
			$updater->addExtensionTable( 'bbx', $dir . 'sqlite/tables-generated.sql' );
		} elseif ( $dbType === 'postgres' ) {
			$updater->addExtensionTable( 'bbx', $dir . 'postgres/tables-generated.sql' );
		}
	}
}
